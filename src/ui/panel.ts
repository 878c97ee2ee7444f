/** What the Record region shows for the selected record. */
export interface PanelState {
  name: string;
  detail: string;
  /** e.g. "Linked to Acme Labs (Primary)", or that the link was removed. */
  link?: string;
  canExpand: boolean;
  canUnlink: boolean;
  canUndo: boolean;
  /** Asking "Unlink?" with Confirm / Cancel. */
  confirming: boolean;
  busy: boolean;
}

export interface PanelActions {
  expand(): void;
  unlink(): void;
  confirm(): void;
  cancel(): void;
  undo(): void;
  close(): void;
}

function button(label: string, onClick: () => void, kind = ''): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  if (kind) b.className = kind;
  b.addEventListener('click', onClick);
  return b;
}

/**
 * The region named "Record": the selected record's name and link, and the actions the server
 * allows (Expand, Unlink → Confirm / Cancel, Undo). Escape closes it.
 */
export function createPanel(region: HTMLElement, actions: PanelActions) {
  region.setAttribute('role', 'region');
  region.setAttribute('aria-label', 'Record');
  region.hidden = true;
  const title = document.createElement('h2');
  const detail = document.createElement('p');
  const link = document.createElement('p');
  link.className = 'link';
  const status = document.createElement('p');
  status.className = 'status';
  status.setAttribute('role', 'status');
  const close = button('×', actions.close, 'close');
  close.setAttribute('aria-label', 'Close');
  const expand = button('Expand', actions.expand);
  const unlink = button('Unlink', actions.unlink, 'danger');
  const undo = button('Undo', actions.undo);
  const row = document.createElement('div');
  row.className = 'actions';
  row.append(expand, unlink, undo);
  const ask = document.createElement('div');
  ask.className = 'confirm';
  const question = document.createElement('p');
  ask.append(question, button('Confirm', actions.confirm, 'danger'), button('Cancel', actions.cancel));
  region.append(close, title, detail, link, row, ask, status);
  region.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') actions.close();
  });

  return {
    show(state: PanelState): void {
      region.hidden = false;
      title.textContent = state.name;
      detail.textContent = state.detail;
      link.textContent = state.link ?? '';
      link.hidden = !state.link;
      expand.hidden = !state.canExpand;
      unlink.hidden = !state.canUnlink || state.confirming;
      undo.hidden = !state.canUndo;
      ask.hidden = !state.confirming;
      question.textContent = state.confirming ? `Remove every association between these records?` : '';
      for (const b of region.querySelectorAll('button')) b.disabled = state.busy && b !== close;
    },
    status(text: string): void {
      status.textContent = text;
    },
    hide(): void {
      region.hidden = true;
      status.textContent = '';
    },
    /** Moves focus into the region (keyboard selection), to its first action. */
    focus(): void {
      const first = [...region.querySelectorAll('button')].find(
        (b) => !b.hidden && b !== close && !b.closest('[hidden]'),
      );
      (first ?? close).focus();
    },
    focusConfirm(): void {
      ask.querySelector('button')?.focus();
    },
    isOpen: () => !region.hidden,
  };
}

/** Paging cursors: opaque for associations (as HubSpot's), numeric ids or offsets for objects. */
import { validationError } from './errors.js';

/** Associations cursors are opaque strings in HubSpot; clients must send them back unchanged. */
export function encodeCursor(lastId: string): string {
  return Buffer.from(`after:${lastId}`).toString('base64url');
}

export function decodeCursor(after: string | null | undefined): string | undefined {
  if (after === null || after === undefined || after === '') return undefined;
  const decoded = /^after:([0-9]{1,20})$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
  if (!decoded)
    throw validationError(
      `Invalid paging cursor after=${JSON.stringify(after)}; send back paging.next.after unchanged`,
    );
  return decoded[1];
}

/** Object lists page by id: `after` is the last id returned. */
export function idCursor(after: string | null | undefined): string | undefined {
  if (after === null || after === undefined || after === '') return undefined;
  if (!/^[0-9]{1,20}$/.test(after))
    throw validationError(`Invalid paging cursor after=${JSON.stringify(after)}`);
  return after;
}

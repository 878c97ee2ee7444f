/** HubSpot's main types keep their colours; other (custom) types take one from the rest by name. */
const KNOWN: Record<string, string> = {
  contacts: '#2f7ed8',
  companies: '#e8793a',
  deals: '#2e9e5b',
  tickets: '#9b5de5',
};
const OTHERS = ['#d1495b', '#00a6a6', '#b5838d', '#6d8a2f', '#c08b00', '#5a67d8'];

export function colourOf(objectType: string): string {
  const known = KNOWN[objectType];
  if (known) return known;
  let hash = 0;
  for (const ch of objectType) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return OTHERS[hash % OTHERS.length] as string;
}

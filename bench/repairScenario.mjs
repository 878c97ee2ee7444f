// The repair benchmark's portal: C contacts and K companies (domain c{j}.example; every 100th
// company repeats its neighbour's domain: K/100 duplicates). 30 % of the contacts are orphans:
// 15 % at one company's domain (o…), 5 % free-mail, 10 % at domains no company has; the other 70 %
// work at one company, as its Primary. Shared by the portal process and the bench (the formulas).
const FREE = ['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com'];

/** What contact i is: 'match' (orphan, one company), 'free', 'none' (no company has it), 'linked'. */
export function kindOf(i) {
  const r = i % 20;
  return r < 3 ? 'match' : r === 3 ? 'free' : r < 6 ? 'none' : 'linked';
}

/** A company index that is not one of a duplicate pair (j % 100 ∉ {98, 99}). */
const single = (i, K) => {
  const j = (i * 7) % K;
  return j % 100 >= 98 ? j - 2 : j;
};

export function seedRepairPortal(portal, { contacts: C, companies: K }) {
  const companies = portal.createObjects('companies', K, (j) => ({
    name: `Company ${j}`,
    domain: j % 100 === 99 ? `www.c${j - 1}.example` : `c${j}.example`,
  }));
  const people = portal.createObjects('contacts', C, (i) => {
    const kind = kindOf(i);
    const email =
      kind === 'match'
        ? `o${i}@c${single(i, K)}.example`
        : kind === 'free'
          ? `p${i}@${FREE[i % FREE.length]}`
          : kind === 'none'
            ? `p${i}@nobody${i}.example`
            : `p${i}@c${i % K}.example`;
    return { email, firstname: `First${i}` };
  });
  for (const [i, c] of people.entries())
    if (kindOf(i) === 'linked') portal.associate('contacts', c.id, 'companies', companies[i % K].id, [1]);
}

/** The index (0-based) of the n-th contact (1-based) of a kind, in id order. */
export function nthOfKind(kind, n, C) {
  let seen = 0;
  for (let i = 0; i < C; i++) if (kindOf(i) === kind && ++seen === n) return i;
  return -1;
}

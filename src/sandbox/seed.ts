/**
 * The deterministic demo portal: 50 companies, 200 contacts, 30 deals, 10 tickets, linked with
 * HubSpot's default types and Primary labels. Same ids, names and links on every start.
 */
import { resolveObjectType } from '../hubspot/objectTypes.js';
import type { PortalState } from './portal.js';

const COMPANY_WORDS = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark',
  'Wayne',
  'Tyrell',
  'Hooli',
  'Vandelay',
  'Soylent',
];
const COMPANY_KINDS = ['Labs', 'Logistics', 'Foods', 'Systems', 'Partners'];
const INDUSTRIES = [
  'COMPUTER_SOFTWARE',
  'LOGISTICS_AND_SUPPLY_CHAIN',
  'FOOD_PRODUCTION',
  'INFORMATION_TECHNOLOGY_AND_SERVICES',
  'MANAGEMENT_CONSULTING',
];
const CITIES = [
  'Boston',
  'Berlin',
  'Dublin',
  'Paris',
  'Austin',
  'Toronto',
  'Sydney',
  'Tokyo',
  'Lisbon',
  'Oslo',
];
const FIRST = [
  'Ada',
  'Alan',
  'Grace',
  'Linus',
  'Margaret',
  'Dennis',
  'Barbara',
  'Ken',
  'Frances',
  'Edsger',
  'Radia',
  'Tim',
  'Katherine',
  'John',
  'Hedy',
  'Claude',
  'Sophie',
  'Niklaus',
  'Karen',
  'Donald',
];
const LAST = [
  'Lovelace',
  'Turing',
  'Hopper',
  'Torvalds',
  'Hamilton',
  'Ritchie',
  'Liskov',
  'Thompson',
  'Allen',
  'Dijkstra',
];
const TITLES = ['CEO', 'CTO', 'Buyer', 'Engineer', 'Office Manager'];
const STAGES = [
  'appointmentscheduled',
  'qualifiedtobuy',
  'presentationscheduled',
  'contractsent',
  'closedwon',
  'closedlost',
];

/** Seeded records are stamped from a fixed instant so answers are reproducible. */
const EPOCH = Date.UTC(2024, 0, 15, 9, 0, 0);
const minutes = (n: number) => EPOCH + n * 60_000;

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '');

export function seedPortal(state: PortalState): void {
  const { objects, associations, labels } = state;
  const type = (name: string) => resolveObjectType(name);
  const [contact, company, deal, ticket] = ['contacts', 'companies', 'deals', 'tickets'].map(type) as [
    ReturnType<typeof type>,
    ReturnType<typeof type>,
    ReturnType<typeof type>,
    ReturnType<typeof type>,
  ];
  const link = (
    from: typeof contact,
    fromId: string,
    to: typeof contact,
    toId: string,
    typeIds: number[] = [],
  ) =>
    associations.setTypes(
      { type: from, id: fromId },
      { type: to, id: toId },
      typeIds.map((t) => labels.find(from.id, to.id, t)!),
    );

  const companies = Array.from({ length: 50 }, (_, i) => {
    const name = `${COMPANY_WORDS[i % 10]} ${COMPANY_KINDS[Math.floor(i / 10)]}`;
    return objects.create(
      company.id,
      {
        name,
        domain: `${slug(name)}.example.com`,
        city: CITIES[i % CITIES.length]!,
        industry: INDUSTRIES[Math.floor(i / 10)]!,
        numberofemployees: String(10 + ((i * 37) % 990)),
      },
      minutes(i),
    );
  });

  const contacts = Array.from({ length: 200 }, (_, i) => {
    const firstname = FIRST[i % 20]!;
    const lastname = LAST[Math.floor(i / 20)]!;
    const employer = companies[i % 50]!;
    return objects.create(
      contact.id,
      {
        firstname,
        lastname,
        email: `${slug(firstname)}.${slug(lastname)}@${employer.properties.domain}`,
        jobtitle: TITLES[i % TITLES.length]!,
        phone: `+1 555 01${String(i).padStart(2, '0')}`,
        lifecyclestage: i % 3 === 0 ? 'customer' : 'lead',
      },
      minutes(100 + i),
    );
  });

  // Every contact works at one company (Primary, typeId 1); every seventh also at the next one.
  contacts.forEach((c, i) => {
    link(contact, c.id, company, companies[i % 50]!.id, [1]);
    if (i % 7 === 0) link(contact, c.id, company, companies[(i + 1) % 50]!.id);
  });

  Array.from({ length: 30 }, (_, i) => {
    const buyer = companies[(i * 3) % 50]!;
    const d = objects.create(
      deal.id,
      {
        dealname: `${buyer.properties.name} renewal ${2024 + (i % 3)}`,
        amount: String(1000 * (1 + ((i * 7) % 20))),
        dealstage: STAGES[i % STAGES.length]!,
        pipeline: 'default',
        closedate: new Date(minutes(60 * 24 * (30 + i))).toISOString(),
      },
      minutes(400 + i),
    );
    link(deal, d.id, company, buyer.id, [5]); // deal → primary company
    for (let k = 0; k < 1 + (i % 3); k++) link(deal, d.id, contact, contacts[(i * 3 + k * 50) % 200]!.id);
    return d;
  });

  Array.from({ length: 10 }, (_, i) => {
    const reporter = contacts[i * 5]!;
    const t = objects.create(
      ticket.id,
      {
        subject: `Cannot sync invoices (#${1000 + i})`,
        content: `Ticket ${i + 1}: the nightly sync reported errors.`,
        hs_pipeline: '0',
        hs_pipeline_stage: String(1 + (i % 4)),
        hs_ticket_priority: ['LOW', 'MEDIUM', 'HIGH'][i % 3]!,
      },
      minutes(500 + i),
    );
    link(ticket, t.id, contact, reporter.id);
    link(ticket, t.id, company, companies[(i * 5) % 50]!.id, [26]); // ticket → primary company
    return t;
  });
}

/**
 * The deterministic demo portal: 50 companies, 200 contacts, 30 deals, 10 tickets, linked with
 * HubSpot's default types and PRIMARY labels, and 5 custom-object projects (2-3508467) linked to a
 * company and two contacts each. Same ids, names and links on every start. Then the mess a real
 * portal collects (seedMess.ts): 15 more contacts and a 51st company.
 */
import { type ObjectType, resolveObjectType } from './objectTypes.js';
import type { PortalState } from './portal.js';
import { seedMess } from './seedMess.js';

const words = (text: string) => text.split(' ');
const COMPANY_WORDS = words('Acme Globex Initech Umbrella Stark Wayne Tyrell Hooli Vandelay Soylent');
const COMPANY_KINDS = words('Labs Logistics Foods Systems Partners');
const INDUSTRIES = words(
  'COMPUTER_SOFTWARE LOGISTICS_AND_SUPPLY_CHAIN FOOD_PRODUCTION INFORMATION_TECHNOLOGY_AND_SERVICES MANAGEMENT_CONSULTING',
);
const CITIES = words('Boston Berlin Dublin Paris Austin Toronto Sydney Tokyo Lisbon Oslo');
const FIRST = words(
  'Ada Alan Grace Linus Margaret Dennis Barbara Ken Frances Edsger Radia Tim Katherine John Hedy Claude Sophie Niklaus Karen Donald',
);
const LAST = words('Lovelace Turing Hopper Torvalds Hamilton Ritchie Liskov Thompson Allen Dijkstra');
const TITLES = words('CEO CTO Buyer Engineer Director');
const STAGES = words(
  'appointmentscheduled qualifiedtobuy presentationscheduled contractsent closedwon closedlost',
);
const PRIORITIES = words('LOW MEDIUM HIGH');
const PROJECT_STATUSES = words('planned active done');

/** Seeded records are stamped from a fixed instant so answers are reproducible. */
const EPOCH = Date.UTC(2024, 0, 15, 9, 0, 0);
const minutes = (n: number) => EPOCH + n * 60_000;

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '');
const pick = (list: string[], i: number) => list[i % list.length]!;

export function seedPortal(state: PortalState): void {
  const { objects, associations, labels } = state;
  const contact = resolveObjectType('contacts');
  const company = resolveObjectType('companies');
  const deal = resolveObjectType('deals');
  const ticket = resolveObjectType('tickets');
  const project = resolveObjectType('2-3508467');
  const link = (from: ObjectType, fromId: string, to: ObjectType, toId: string, typeIds: number[] = []) =>
    associations.setTypes(
      { type: from, id: fromId },
      { type: to, id: toId },
      typeIds.map((t) => labels.find(from.id, to.id, t)!),
    );

  const companies = Array.from({ length: 50 }, (_, i) => {
    const name = `${pick(COMPANY_WORDS, i)} ${pick(COMPANY_KINDS, Math.floor(i / 10))}`;
    const properties = {
      name,
      domain: `${slug(name)}.example.com`,
      city: pick(CITIES, i),
      industry: pick(INDUSTRIES, Math.floor(i / 10)),
      numberofemployees: String(10 + ((i * 37) % 990)),
    };
    return objects.create(company.id, properties, minutes(i));
  });

  const contacts = Array.from({ length: 200 }, (_, i) => {
    const firstname = pick(FIRST, i);
    const lastname = pick(LAST, Math.floor(i / 20));
    const properties = {
      firstname,
      lastname,
      email: `${slug(firstname)}.${slug(lastname)}@${companies[i % 50]!.properties.domain}`,
      jobtitle: pick(TITLES, i),
      phone: `+1 555 01${String(i).padStart(3, '0')}`,
      lifecyclestage: i % 3 === 0 ? 'customer' : 'lead',
    };
    return objects.create(contact.id, properties, minutes(100 + i));
  });

  // Every contact works at one company (Primary, typeId 1); every seventh also at the next one.
  contacts.forEach((c, i) => {
    link(contact, c.id, company, companies[i % 50]!.id, [1]);
    if (i % 7 === 0) link(contact, c.id, company, companies[(i + 1) % 50]!.id);
  });

  for (let i = 0; i < 30; i++) {
    const buyer = companies[(i * 3) % 50]!;
    const properties = {
      dealname: `${buyer.properties.name} renewal ${2024 + (i % 3)}`,
      amount: String(1000 * (1 + ((i * 7) % 20))),
      dealstage: pick(STAGES, i),
      pipeline: 'default',
      closedate: new Date(minutes(60 * 24 * (30 + i))).toISOString(),
    };
    const d = objects.create(deal.id, properties, minutes(400 + i));
    link(deal, d.id, company, buyer.id, [5]); // deal → primary company
    for (let k = 0; k <= i % 3; k++) link(deal, d.id, contact, contacts[(i * 3 + k * 50) % 200]!.id);
  }

  for (let i = 0; i < 10; i++) {
    const properties = {
      subject: `Cannot sync invoices (#${1000 + i})`,
      content: `Ticket ${i + 1}: the nightly sync reported errors.`,
      hs_pipeline: '0',
      hs_pipeline_stage: String(1 + (i % 4)),
      hs_ticket_priority: pick(PRIORITIES, i),
    };
    const t = objects.create(ticket.id, properties, minutes(500 + i));
    link(ticket, t.id, contact, contacts[i * 5]!.id);
    link(ticket, t.id, company, companies[(i * 5) % 50]!.id, [26]); // ticket → primary company
  }

  // Custom object records, linked with the schema's unlabeled types (customObjects.ts).
  for (let i = 0; i < 5; i++) {
    const owner = companies[i * 10]!;
    const properties = {
      name: `${owner.properties.name} rollout`,
      status: pick(PROJECT_STATUSES, i),
      budget: String(5000 * (i + 1)),
    };
    const p = objects.create(project.id, properties, minutes(600 + i));
    link(project, p.id, company, owner.id);
    link(project, p.id, contact, contacts[i * 10]!.id);
    link(project, p.id, contact, contacts[i * 10 + 1]!.id);
  }

  seedMess(state, companies, contacts[0]!);
}

import { BUSINESSES, COLOMBIA, MEXICO, PLACES, SURNAMES, type Country } from "./content";
import type { Random } from "./random";

export interface Person {
  firstName: string;
  name: string;
  phone: string;
  waId: string;
  email: string | null;
  company: string | null;
  business: string;
  country: Country;
}

/** A customer of the demo: most in Colombia, some in Mexico, with a WhatsApp number unique in `taken`. */
export function buildPerson(r: Random, taken: Set<string>): Person {
  const country = r.chance(0.7) ? COLOMBIA : MEXICO;
  const firstName = r.faker.person.firstName();
  const surname = r.pick(SURNAMES);
  const lastName = r.chance(0.7) ? `${surname} ${r.pick(SURNAMES)}` : surname;
  const business = r.pick(BUSINESSES);
  const company = r.chance(0.6)
    ? `${business} ${r.chance(0.5) ? surname : r.pick(PLACES)} ${country.companySuffix}`
    : null;
  const domain = company ? `${slug(company.replace(country.companySuffix, ""))}.${country.webDomain}` : r.pick(country.mailProviders);
  const email = r.chance(0.5)
    ? `${slug(firstWord(firstName))}.${slug(surname)}${company || r.chance(0.5) ? "" : r.int(1, 99)}@${domain}`
    : null;

  let waId: string;
  do {
    waId = country.code + r.pick(country.mobilePrefixes) + r.digits(country.subscriberDigits);
  } while (taken.has(waId));
  taken.add(waId);

  return { firstName, name: `${firstName} ${lastName}`, phone: `+${waId}`, waId, email, company, business, country };
}

export function firstWord(text: string): string {
  return text.split(" ")[0]!;
}

/** ASCII letters and digits only, as in an e-mail address or a domain name. */
function slug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}

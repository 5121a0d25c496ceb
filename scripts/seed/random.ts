import { Faker, base, es, es_MX } from "@faker-js/faker";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
export const TIME = { MINUTE, HOUR, DAY } as const;

/**
 * Every choice of the demo comes from one seeded faker instance of its own (never the shared
 * `fakerES_MX`, which tests may reseed), so the same seed yields the same rows, ids included.
 */
export function createRandom(seed: number) {
  const faker = new Faker({ locale: [es_MX, es, base] });
  faker.seed(seed);

  const int = (min: number, max: number) => faker.number.int({ min, max });
  const between = (min: number, max: number) => faker.number.float({ min, max });
  const chance = (probability: number) => faker.number.float({ min: 0, max: 1 }) < probability;
  const pick = <T>(items: readonly T[]): T => faker.helpers.arrayElement(items);
  const weighted = <T>(items: readonly { weight: number; value: T }[]): T => faker.helpers.weightedArrayElement(items);
  const shuffle = <T>(items: readonly T[]): T[] => faker.helpers.shuffle([...items]);
  const uuid = () => faker.string.uuid();
  const digits = (length: number) => faker.string.numeric({ length, allowLeadingZeros: true });

  return { faker, int, between, chance, pick, weighted, shuffle, uuid, digits };
}

export type Random = ReturnType<typeof createRandom>;

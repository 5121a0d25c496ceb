import bcrypt from "bcryptjs";

// bcryptjs: pure JavaScript, so no native build on install; cost 10 keeps sign-in under ~100 ms here.
const COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

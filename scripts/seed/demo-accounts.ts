import type { Addon, Plan, Role } from "@/db/schema";

export const DEMO_PASSWORD = "turno-demo";

export interface DemoUser {
  name: string;
  email: string;
  role: Role;
  active: boolean;
}

export interface DemoAccount {
  name: string;
  plan: Plan;
  addons: Addon[];
  /** The seller company's trade name, as its staff sign their messages. */
  brand: string;
  /** Each account draws from its own seed, so one can be seeded without the other. */
  seed: number;
  users: DemoUser[];
  groups: { name: string; members: string[] }[];
  /** One conversation per contact: the schema allows a single WhatsApp thread per customer. */
  contacts: number;
  unassigned: number;
  closed: number;
  /** Conversations whose customer wrote in the last 24 hours (Meta's window still open). */
  windowOpen: number;
  /** Open conversations left with each deactivated seller, so the inbox shows that case. */
  perDeactivatedSeller: number;
  /**
   * The demo's WhatsApp number. These are fixtures, not credentials: no access token, so replies
   * go to the sandbox, and `npm run simulate` signs its fake webhooks with this app secret.
   */
  whatsapp?: { phoneNumberId: string; displayPhone: string; verifyToken: string; appSecret: string };
}

const user = (name: string, email: string, role: Role, active = true): DemoUser => ({ name, email, role, active });

export const DEMO_PRO: DemoAccount = {
  name: "Demo Pro",
  plan: "pro",
  addons: ["whatsapp"],
  brand: "Facturex",
  seed: 20_240_601,
  users: [
    user("Laura Gómez", "admin@demo-pro.test", "admin"),
    user("Carlos Ramírez", "vendedor1@demo-pro.test", "seller"),
    user("Daniela Torres", "vendedor2@demo-pro.test", "seller"),
    user("Andrés Castillo", "vendedor3@demo-pro.test", "seller"),
    user("Mariana López", "editor@demo-pro.test", "editor"),
    user("Javier Morales", "soporte@demo-pro.test", "support"),
    user("Ricardo Herrera", "inactivo@demo-pro.test", "seller", false),
  ],
  groups: [
    { name: "Vendedores", members: ["vendedor1@demo-pro.test", "vendedor2@demo-pro.test", "vendedor3@demo-pro.test"] },
    { name: "Equipo Norte", members: ["vendedor1@demo-pro.test", "vendedor2@demo-pro.test"] },
  ],
  contacts: 400,
  unassigned: 100,
  closed: 120,
  windowOpen: 60,
  perDeactivatedSeller: 6,
  whatsapp: {
    phoneNumberId: "109876543210001",
    displayPhone: "+57 601 555 0100",
    verifyToken: "turno-demo-verify-token",
    appSecret: "turno-demo-app-secret",
  },
};

export const DEMO_BASICO: DemoAccount = {
  name: "Demo Básico",
  plan: "basic",
  addons: [],
  brand: "Punto Claro",
  seed: 20_240_602,
  users: [
    user("Patricia Rojas", "admin@demo-basico.test", "admin"),
    user("Felipe Vargas", "vendedor@demo-basico.test", "seller"),
  ],
  groups: [],
  contacts: 20,
  unassigned: 5,
  closed: 6,
  windowOpen: 4,
  perDeactivatedSeller: 0,
};

export const DEMO_ACCOUNTS = [DEMO_PRO, DEMO_BASICO] as const;

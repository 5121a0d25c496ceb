export * from "./accounts";
export * from "./crm";
export * from "./conversations";
export * from "./history";
export * from "./assignment";
export * from "./whatsapp";
export * from "./automations";
export * from "./operations";

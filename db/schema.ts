export * from "./accounts";
export * from "./crm";
export * from "./conversations";
export * from "./history";
export * from "./assignment";

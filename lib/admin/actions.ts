import { defineAction } from "@/lib/access/pipeline";
import { createGroupSchema, groupMemberSchema, groupSchema, renameGroupSchema } from "./group-input";
import { addGroupMember, createGroup, deleteGroup, removeGroupMember, renameGroup } from "./groups";
import { changePlanSchema, setAddonSchema } from "./plan-input";
import { changePlan, setAddon } from "./subscription";
import { changeRoleSchema, createUserSchema, setUserActiveSchema } from "./user-input";
import { changeUserRole, createAccountUser, setUserActive } from "./users";

// The account's admins, on every plan. Each change is recorded in the account's history.
const admins = { permission: "manageAccount", revalidate: "/settings" } as const;
// A subscription change re-renders everything: the header, the inbox and its locked page.
const subscription = { permission: "manageAccount", revalidate: "/" } as const;

/** Configuración: people, groups, plan and add-ons. */
export const accountActions = {
  createUser: defineAction({ name: "createUser", input: createUserSchema, ...admins, run: createAccountUser }),
  changeRole: defineAction({ name: "changeRole", input: changeRoleSchema, ...admins, run: changeUserRole }),
  setUserActive: defineAction({ name: "setUserActive", input: setUserActiveSchema, ...admins, run: setUserActive }),
  createGroup: defineAction({ name: "createGroup", input: createGroupSchema, ...admins, run: createGroup }),
  renameGroup: defineAction({ name: "renameGroup", input: renameGroupSchema, ...admins, run: renameGroup }),
  deleteGroup: defineAction({ name: "deleteGroup", input: groupSchema, ...admins, run: deleteGroup }),
  addGroupMember: defineAction({ name: "addGroupMember", input: groupMemberSchema, ...admins, run: addGroupMember }),
  removeGroupMember: defineAction({ name: "removeGroupMember", input: groupMemberSchema, ...admins, run: removeGroupMember }),
  changePlan: defineAction({ name: "changePlan", input: changePlanSchema, ...subscription, run: changePlan }),
  setAddon: defineAction({ name: "setAddon", input: setAddonSchema, ...subscription, run: setAddon }),
};

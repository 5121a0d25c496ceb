"use server";

import { adminAction } from "@/lib/access/action";
import type { CreateGroupInput, GroupInput, GroupMemberInput, RenameGroupInput } from "@/lib/admin/group-input";
import { addGroupMember, createGroup, deleteGroup, removeGroupMember, renameGroup } from "@/lib/admin/groups";
import type { ChangePlanInput, SetAddonInput } from "@/lib/admin/plan-input";
import { changePlan, setAddon } from "@/lib/admin/subscription";
import type { ChangeRoleInput, CreateUserInput, SetUserActiveInput } from "@/lib/admin/user-input";
import { changeUserRole, createAccountUser, setUserActive } from "@/lib/admin/users";

// Each domain function parses its input, checks the actor's role and account, and records history.
export const createUserAction = adminAction("createUser", "/settings", (db, actor, input: CreateUserInput) =>
  createAccountUser(db, actor, input),
);
export const changeRoleAction = adminAction("changeRole", "/settings", (db, actor, input: ChangeRoleInput) =>
  changeUserRole(db, actor, input),
);
export const setUserActiveAction = adminAction("setUserActive", "/settings", (db, actor, input: SetUserActiveInput) =>
  setUserActive(db, actor, input),
);

export const createGroupAction = adminAction("createGroup", "/settings", (db, actor, input: CreateGroupInput) =>
  createGroup(db, actor, input),
);
export const renameGroupAction = adminAction("renameGroup", "/settings", (db, actor, input: RenameGroupInput) =>
  renameGroup(db, actor, input),
);
export const deleteGroupAction = adminAction("deleteGroup", "/settings", (db, actor, input: GroupInput) =>
  deleteGroup(db, actor, input),
);
export const addGroupMemberAction = adminAction("addGroupMember", "/settings", (db, actor, input: GroupMemberInput) =>
  addGroupMember(db, actor, input),
);
export const removeGroupMemberAction = adminAction("removeGroupMember", "/settings", (db, actor, input: GroupMemberInput) =>
  removeGroupMember(db, actor, input),
);

// A subscription change re-renders everything: the header, the inbox and its locked page.
export const changePlanAction = adminAction("changePlan", "/", (db, actor, input: ChangePlanInput) => changePlan(db, actor, input));
export const setAddonAction = adminAction("setAddon", "/", (db, actor, input: SetAddonInput) => setAddon(db, actor, input));

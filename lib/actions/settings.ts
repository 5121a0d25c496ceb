"use server";

import { accountActions } from "@/lib/admin/actions";
import { automationActions } from "@/lib/automations/actions";
import { serve } from "./serve";

// Configuración's server actions: each one an action spec through the one pipeline.
export const createUserAction = serve(accountActions.createUser);
export const changeRoleAction = serve(accountActions.changeRole);
export const setUserActiveAction = serve(accountActions.setUserActive);
export const createGroupAction = serve(accountActions.createGroup);
export const renameGroupAction = serve(accountActions.renameGroup);
export const deleteGroupAction = serve(accountActions.deleteGroup);
export const addGroupMemberAction = serve(accountActions.addGroupMember);
export const removeGroupMemberAction = serve(accountActions.removeGroupMember);
export const changePlanAction = serve(accountActions.changePlan);
export const setAddonAction = serve(accountActions.setAddon);

export const createAutomationAction = serve(automationActions.create);
export const toggleAutomationAction = serve(automationActions.setActive);
export const deleteAutomationAction = serve(automationActions.remove);

import { describe, expect, it } from "vitest";
import enAdmin from "@/messages/en-admin.json";
import esAdmin from "@/messages/es-admin.json";
import enMain from "@/messages/en.json";
import esMain from "@/messages/es.json";

const es = { ...esMain, ...esAdmin };
const en = { ...enMain, ...enAdmin };

function keys(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "object" && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe("message catalogues", () => {
  it("English has every Spanish label and nothing more", () => {
    expect(keys(en).sort()).toEqual(keys(es).sort());
  });

  it("each file owns its namespaces: no top-level key is defined twice", () => {
    const mainKeys = Object.keys(esMain);
    expect(Object.keys(esAdmin).filter((k) => mainKeys.includes(k))).toEqual([]);
  });

  it("no label is left empty", () => {
    for (const catalogue of [es, en]) {
      const flat = keys(catalogue);
      for (const key of flat) {
        const value = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue);
        expect(value, key).toMatch(/\S/);
      }
    }
  });

  it("uses the product's Spanish labels verbatim", () => {
    expect(es.conversation.assign).toBe("Asignar conversación");
    expect(es.conversation.markUnread).toBe("Marcar como no leída");
    expect(es.conversation.close).toBe("Cerrar conversación");
    expect(es.inbox.unassigned).toBe("No asignado");
    expect(es.locked.message).toBe("Esta función está disponible solo para clientes con Plan Pro y el Add-on WhatsApp.");
  });
});

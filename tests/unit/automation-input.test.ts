import { describe, expect, it } from "vitest";
import es from "@/messages/es.json";
import { createAutomationSchema } from "@/lib/automations/input";

const withUrl = (url: string) => ({ name: "Flujo", trigger: "conversation.closed", actions: [{ type: "webhook", url }] });
const messageFor = (url: string) => {
  const parsed = createAutomationSchema.safeParse(withUrl(url));
  return parsed.success ? null : parsed.error.issues[0]!.message;
};

describe("a flow's webhook URL", () => {
  it("is refused with its own message when it points inside the network", () => {
    for (const url of ["http://localhost:3000/x", "http://api.localhost/x", "http://192.168.1.10/x", "http://[fd00::1]/x", "http://0.0.0.0/x", "https://203.0.113.9/reserved"]) {
      expect(messageFor(url)).toBe("privateUrl");
    }
    expect(es.automations.errors.privateUrl).toMatch(/dirección interna/);
  });

  it("that is not a URL at all gets the format message (and nothing throws)", () => {
    expect(messageFor("noesunaurl")).toBe("badUrl");
  });

  it("is accepted when public, by name or address", () => {
    expect(messageFor("https://hooks.example.com/turno")).toBeNull();
    expect(messageFor("https://8.8.8.8/turno")).toBeNull();
  });
});

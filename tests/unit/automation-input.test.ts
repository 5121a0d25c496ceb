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

  it("is refused when it is an IPv4 address written as IPv6, in any spelling", () => {
    for (const url of [
      "http://[::127.0.0.1]/x",
      "http://[::7f00:1]/x",
      "http://[::10.0.0.1]/x",
      "http://[::ffff:127.0.0.1]/x",
      "http://[::ffff:7f00:1]/x",
      "http://[::ffff:169.254.169.254]/latest",
      // Even around a public address: a real receiver is reached by its plain one.
      "https://[::8.8.8.8]/turno",
      "https://[::ffff:8.8.8.8]/turno",
    ]) {
      expect(messageFor(url), url).toBe("privateUrl");
    }
  });

  it("that is not a URL at all gets the format message (and nothing throws)", () => {
    expect(messageFor("noesunaurl")).toBe("badUrl");
  });

  it("is accepted when public, by name or address", () => {
    expect(messageFor("https://hooks.example.com/turno")).toBeNull();
    expect(messageFor("https://8.8.8.8/turno")).toBeNull();
    expect(messageFor("https://[2001:4860:4860::8888]/turno")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { offlineMessage } from "./offline-indicator";

describe("offlineMessage", () => {
  it("says the page is offline, and how many changes wait, with the right plural", () => {
    expect(offlineMessage(false, 0)).toBe("Offline — showing the tasks saved on this device");
    expect(offlineMessage(false, 1)).toBe("Offline — 1 change waiting");
    expect(offlineMessage(false, 4)).toBe("Offline — 4 changes waiting");
  });

  it("says it is sending while changes go out, and nothing once they are all answered", () => {
    expect(offlineMessage(true, 2)).toBe("Sending…");
    expect(offlineMessage(true, 0)).toBe("");
  });
});

import { describe, expect, it } from "vitest";
import { describeEntry, sentence } from "@/lib/transparency/sentence";

const changed = (details: Record<string, string | number | boolean>) =>
  sentence(
    describeEntry(
      {
        action: "decisions.charter_changed",
        actorId: "ana",
        actorName: "Ana Lima",
        subjectName: null,
        subjectType: "charter",
        subjectId: "iotmark",
        place: { slug: "iotmark", name: "IoTmark Principles" },
        details,
      },
      undefined,
      "en",
    ),
    "en",
  );

describe("the charter's challenge terms in the public log", () => {
  it("reads the response window, the badge and the relisting ban in words", () => {
    const text = changed({
      commentPeriodDays: 14,
      challengeResponseDays: 30,
      challengeOnBadge: false,
      relistingBanDays: 90,
    });
    expect(text).toContain("30 days to answer a challenge");
    expect(text).toContain("pending challenges not shown on the badge");
    expect(text).toContain("a struck-off product kept off the registry for 90 days");
    expect(text).not.toMatch(/false|true|none|[{}]/);
    expect(changed({ challengeOnBadge: true, relistingBanDays: 1 })).toContain(
      "pending challenges shown on the badge, a struck-off product kept off the registry for 1 day",
    );
  });

  it("leaves them out of entries written before they existed", () => {
    const text = changed({ commentPeriodDays: 14 });
    expect(text).not.toContain("challenge");
    expect(text).not.toContain("struck-off");
  });
});

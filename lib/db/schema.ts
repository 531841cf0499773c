// Every table, for drizzle-kit and for the typed client. Each domain owns its own schema file.

export * from "@/lib/api/schema";
export * from "@/lib/audit/schema";
export * from "@/lib/auth/schema";
export * from "@/lib/challenges/schema";
export * from "@/lib/collab/schema";
export * from "@/lib/community/schema";
export * from "@/lib/decisions/schema";
export * from "@/lib/discussion/schema";
export * from "@/lib/drafting/schema";
export * from "@/lib/email/schema";
export * from "@/lib/notifications/schema";
export * from "@/lib/rate-limit/schema";
export * from "@/lib/registry/schema";
export * from "@/lib/releases/schema";
export * from "@/lib/reviews/schema";
export * from "@/lib/translations/schema";
export * from "@/lib/webhooks/schema";

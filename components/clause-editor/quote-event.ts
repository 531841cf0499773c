/** The editor announces a quote with this window event; the new-thread form picks it up. */
export const QUOTE_EVENT = "hum:quote";

export type QuoteDetail = { text: string; anchor: string };

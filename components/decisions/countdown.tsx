"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

const HOUR = 60 * 60 * 1000;

/** "3 days 4 hours left", kept current while the page is open; the server renders the first. */
export function Countdown({ deadline, renderedAt }: { deadline: string; renderedAt: string }) {
  const t = useTranslations("decisions");
  const [now, setNow] = useState(() => new Date(renderedAt).getTime());
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const left = new Date(deadline).getTime() - now;
  if (left <= 0) return <span>{t("deadlinePassed")}</span>;
  const hours = Math.floor(left / HOUR);
  return <span>{t("countdown", { days: Math.floor(hours / 24), hours: hours % 24 })}</span>;
}

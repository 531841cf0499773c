/*
 * When a survey takes answers and when its results are public. Pure, so the answering form, the
 * write and the results pages agree on one reading of the survey's dates.
 */

type Dated = { state: string; opensAt: Date; closesAt: Date };

/**
 * Open for answers: opened (by the secretariat or the scheduler) and within its dates. The dates
 * count even before the scheduler has moved the state, so a survey never takes an answer after
 * its closing time.
 */
export function isAnswerable(survey: Dated, now: Date): boolean {
  return (
    survey.state === "open" &&
    survey.opensAt.getTime() <= now.getTime() &&
    now.getTime() < survey.closesAt.getTime()
  );
}

/**
 * Public results: once the survey has closed (its closing time passed counts, whether or not the
 * scheduler has run), or sooner when the secretariat published them. A draft never has any.
 */
export function resultsArePublic(
  survey: Dated & { resultsPublishedAt: Date | null },
  now: Date,
): boolean {
  if (survey.state === "draft") return false;
  if (survey.state === "closed" || survey.resultsPublishedAt !== null) return true;
  return survey.closesAt.getTime() <= now.getTime();
}

import { DomainError } from "@/lib/errors";

/** "ok", or the code of the DomainError the call was refused with; anything else is rethrown. */
export async function outcomeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

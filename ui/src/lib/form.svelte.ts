// Form plumbing: submit through the API, put the French error next to its field, keep what the user typed.
import { errorField, errorMessage } from "./api";

export class FormState {
  errors = $state<Record<string, string>>({});
  general = $state<string | null>(null);
  busy = $state(false);

  /** Run `action`; on failure map the error to its field (or to the form) and return undefined. */
  async submit<T>(action: () => Promise<T>): Promise<T | undefined> {
    this.errors = {};
    this.general = null;
    this.busy = true;
    try {
      return await action();
    } catch (e) {
      const field = errorField(e);
      if (field) this.errors = { [field]: errorMessage(e) };
      else this.general = errorMessage(e);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  /** The error for a field, if any. */
  err(field: string): string | null {
    return this.errors[field] ?? null;
  }
}

/** Empty strings become null so optional fields are "not given". */
export function orNull(s: string | null | undefined): string | null {
  return s === undefined || s === null || s.trim() === "" ? null : s;
}

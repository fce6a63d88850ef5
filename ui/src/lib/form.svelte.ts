// Form plumbing: submit through the API, put the French error next to its field, keep what the user typed.
import { tick } from "svelte";
import { errorMessage, fieldErrors } from "./api";

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
      const errors = fieldErrors(e);
      if (Object.keys(errors).length > 0) this.errors = errors;
      else this.general = errorMessage(e);
      void this.reveal();
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  /** After drawing: an error whose field this form does not show is said in the form's own error; then the first
   *  error is brought into view. */
  private async reveal(): Promise<void> {
    await tick();
    const fields = Object.keys(this.errors);
    const shown = fields.some((f) => document.querySelector(`[data-error-for="${CSS.escape(f)}"]`));
    if (fields.length > 0 && !shown) this.general = Object.values(this.errors).join(" ");
    await showFirstError();
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

/** Once the errors are drawn: the first field in error (in the page's order) scrolled into view and focused, or
 *  the form's own error scrolled into view; what was typed stays. */
export async function showFirstError(): Promise<void> {
  await tick();
  const scope = document.querySelector(".modal") ?? document;
  const field = scope.querySelector<HTMLElement>(".field.has-error");
  const target = field?.querySelector<HTMLElement>("input, select, textarea") ?? scope.querySelector<HTMLElement>("form .error, .error[role=alert]");
  if (!target) return;
  target.scrollIntoView({ block: "center" });
  if (target.matches("input, select, textarea")) target.focus({ preventScroll: true });
}

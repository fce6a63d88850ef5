// The only module that talks to the backend. Every call is typed from the Rust signatures (generated/bindings.ts);
// a failure is thrown as an ApiError carrying the stable code, the French message and the field it concerns.
import { invoke } from "@tauri-apps/api/core";
import type { Commands, Error as BackendError, FieldError } from "./generated/bindings";
import { t } from "./i18n/index.svelte";

export type Command = keyof Commands;
export type Args<K extends Command> = Commands[K]["args"];
export type Result<K extends Command> = Commands[K]["result"];

export class ApiError extends Error {
  readonly code: string;
  readonly field: string | null;
  /** The form's other fields in error, checked at the same time. */
  readonly also: FieldError[];

  constructor(code: string, message: string, field: string | null, also: FieldError[] = []) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.field = field;
    this.also = also;
  }
}

function isBackendError(e: unknown): e is BackendError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** Call a command. Arguments and result are checked against the Rust signature at compile time. */
export async function call<K extends Command>(command: K, args: Args<K>): Promise<Result<K>> {
  try {
    return await invoke<Result<K>>(command, args);
  } catch (e) {
    if (isBackendError(e)) throw new ApiError(e.code, e.message, e.field, e.also ?? []);
    throw new ApiError("internal", t().errors.unexpected(String(e)), null);
  }
}

/** The field an error belongs to, for forms: "allocations[1].amount" stays as is. */
export function errorField(e: unknown): string | null {
  return e instanceof ApiError ? e.field : null;
}

/** Every field in error with its message: the error's own field first, then the others checked with it. */
export function fieldErrors(e: unknown): Record<string, string> {
  if (!(e instanceof ApiError) || !e.field) return {};
  const all: Record<string, string> = { [e.field]: e.message };
  for (const f of e.also) all[f.field] ??= f.message;
  return all;
}

/** The French message of any error. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

/** Files dropped onto the window. The shell sends them as DOM events (`tact-drop` with the paths, `tact-drag`
 * while they hover), so the page needs no event permission. Returns the function that stops listening. */
export function onFileDrop(onDrop: (paths: string[]) => void, onHover: (over: boolean) => void): () => void {
  const drop = (e: Event) => {
    const detail = (e as CustomEvent<unknown>).detail;
    onHover(false);
    if (Array.isArray(detail)) onDrop(detail.filter((p): p is string => typeof p === "string"));
  };
  const drag = (e: Event) => onHover((e as CustomEvent<unknown>).detail === true);
  window.addEventListener("tact-drop", drop);
  window.addEventListener("tact-drag", drag);
  return () => {
    window.removeEventListener("tact-drop", drop);
    window.removeEventListener("tact-drag", drag);
  };
}

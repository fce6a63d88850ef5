// App-wide state: what the shell told us at start, the current screen, and a notice line.
import { call, errorMessage } from "./api";
import { formatLongDate } from "./format";
import { t } from "./i18n/index.svelte";
import { FIRST_PAGE, type Agenda, type AppInfo } from "./generated/bindings";

export type Route =
  | { name: "welcome" }
  | { name: "today" }
  | { name: "dashboard" }
  | { name: "clients" }
  | { name: "client"; id: number }
  | { name: "invoices" }
  | { name: "import" }
  | { name: "bank" }
  | { name: "settings" };

/** What « Annuler » beside the notice does: undo the write it confirms, and say what was undone. */
export type Undo = () => Promise<string>;

export const app = $state<{ info: AppInfo | null; route: Route; notice: string | null; undo: Undo | null; version: number }>({
  info: null,
  route: { name: "today" },
  notice: null,
  undo: null,
  // Bumped after every write so that screens reload what they show.
  version: 0,
});

/** The date "today" for every computation. It comes from the shell (TACT_TODAY fixes it in demonstrations and
 * tests); screens render only once the shell has answered, so there is no fallback clock here. */
export function today(): string {
  return app.info?.today ?? "";
}

export function go(route: Route): void {
  app.route = route;
  app.notice = null;
  app.undo = null;
}

/** After a successful write: show a short confirmation and refresh the screens. */
export function changed(notice: string | null = null): void {
  app.version += 1;
  app.notice = notice;
  app.undo = null;
}

/** Just after `changed`: offer « Annuler » beside the notice (until the next write or screen). */
export function offerUndo(undo: Undo): void {
  app.undo = undo;
}

/** « Annuler »: run the undo once; the notice then says what was undone, or why it could not be. */
export async function runUndo(): Promise<void> {
  const undo = app.undo;
  if (!undo) return;
  app.undo = null;
  try {
    changed(await undo());
  } catch (e) {
    app.notice = errorMessage(e);
  }
}

/** Ask the shell for today's date; when it has changed since the screens were drawn (a window left open past
 * midnight), every screen reloads with the new date and a notice says so. Called every minute and whenever the
 * window comes back (App.svelte). */
export async function checkToday(): Promise<void> {
  if (!app.info) return;
  const now = await call("today", {});
  if (now !== app.info.today) {
    app.info.today = now;
    changed(t().shell.newDay(formatLongDate(now)));
  }
}

/** Files handed over for an import (dropped on any screen): the import screen takes them. */
export const importQueue = $state<{ paths: string[]; version: number; hovering: boolean }>({ paths: [], version: 0, hovering: false });

export function queueImport(paths: string[]): void {
  if (paths.length === 0) return;
  importQueue.paths = paths;
  importQueue.version += 1;
  // On the Banque screen, a dropped file is a statement; anywhere else, invoices.
  if (app.route.name !== "import" && app.route.name !== "bank") go({ name: "import" });
}

/** The files waiting for the import screen, once. */
export function takeImport(): string[] {
  const p = importQueue.paths;
  importQueue.paths = [];
  return p;
}

/** The first page of « Aujourd'hui » (FIRST_PAGE clients, computed by the books while the window starts): the shell
 * asks for it together with its own first question, so that both come back at once and the first screen is drawn
 * in one go, not the shell first and the cards one more round trip later. */
let firstAgenda: { version: number; page: Promise<Agenda> } | null = null;

export function askFirstAgenda(): void {
  const page = call("agenda", { offset: 0, limit: FIRST_PAGE });
  page.catch(() => {}); // Today shows the error when it takes the page
  firstAgenda = { version: app.version, page };
}

/** The page asked for at start, once, if nothing was written since (else `null`: ask again). */
export function takeFirstAgenda(): Promise<Agenda> | null {
  const first = firstAgenda;
  firstAgenda = null;
  return first && first.version === app.version ? first.page : null;
}

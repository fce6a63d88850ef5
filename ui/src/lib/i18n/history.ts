// Texts the interface writes into the books (the client's history): the books are kept in French, whatever the
// interface's language, like every entry the backend writes.
const NBSP = "\u00a0";

/** « Pénalités réclamées » noted from the email claiming them. */
export function penaltiesClaimedByEmail(subject: string): string {
  return `Réclamation des pénalités de retard envoyée par e-mail${NBSP}: «${NBSP}${subject}${NBSP}».`;
}

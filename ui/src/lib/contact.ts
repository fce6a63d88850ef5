// Between the contact fields as typed and the backend's PostalContactInput.
import type { Contact } from "../components/ContactFields.svelte";
import { orNull } from "./form.svelte";

/** The address part of a Business or Client (flattened into them by the backend). */
type StoredContact = { [K in keyof Contact]: string | null };

export function contactFields(c: StoredContact | null | undefined): Contact {
  return {
    address_line1: c?.address_line1 ?? "",
    address_line2: c?.address_line2 ?? "",
    postcode: c?.postcode ?? "",
    city: c?.city ?? "",
    country: c?.country ?? "France",
    email: c?.email ?? "",
    phone: c?.phone ?? "",
  };
}

/** The contact part of a BusinessInput or ClientInput (flattened into them by the backend). */
type ContactInput = { [K in keyof Contact]: string | null };

export function contactInput(c: Contact): ContactInput {
  return {
    address_line1: orNull(c.address_line1),
    address_line2: orNull(c.address_line2),
    postcode: orNull(c.postcode),
    city: orNull(c.city),
    country: orNull(c.country),
    email: orNull(c.email),
    phone: orNull(c.phone),
  };
}

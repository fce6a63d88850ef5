import { mount } from "svelte";
import "./app.css";
import App from "./App.svelte";
import { i18n, t } from "./lib/i18n/index.svelte";

document.documentElement.lang = i18n.language;

const target = document.getElementById("app");
if (!target) throw new Error(t().errors.noRoot);
export default mount(App, { target });

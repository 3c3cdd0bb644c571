// The web app's config module lives beside the HTTP front (apps/web/http/config.ts), which parses
// it before listening; the application uses the same module and the value parsed there.
export { type WebConfig, webConfig } from "../../http/config";

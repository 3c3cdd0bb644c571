import { startServices } from "./support/services";

export default async function globalSetup(): Promise<void> {
  await startServices();
}

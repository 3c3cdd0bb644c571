import { stopServices } from "./support/services";

export default async function globalTeardown(): Promise<void> {
  await stopServices();
}

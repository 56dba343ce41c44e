/** User + system CPU seconds of this process, where the platform tells (Node), else null (browsers). */
export function cpuSeconds(): number | null {
  const usage = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process?.cpuUsage?.();
  return usage ? (usage.user + usage.system) / 1e6 : null;
}

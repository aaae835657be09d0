import { readdirSync, readFileSync } from "node:fs";

/**
 * CPU time (user + system, ms) and resident memory of the server under test, by part: the Next.js workers, the local executor and
 * PostgreSQL (every process descended from the launcher). Latency at a fixed rate depends on how fast the machine is
 * that day (api-trivial moved by a third between sessions); CPU per message is the work itself, to compare changes.
 * Linux only (/proc); elsewhere every part reads 0.
 */
export type CpuByPart = { next: number; executor: number; postgres: number; other: number };
type Part = keyof CpuByPart;

const TICK_MS = 10; // USER_HZ is 100 on Linux
const PAGE_BYTES = 4096;

/** The processes descended from the launcher (Next.js workers, executor, PostgreSQL), with their CPU and resident memory. */
export function serverProcesses(launcherPid: number): { pid: number; part: Part; cpuMs: number; rssMb: number }[] {
  const processes: { pid: number; ppid: number; cpuMs: number; rssMb: number; cmdline: string }[] = [];
  let pids: string[] = [];
  try {
    pids = readdirSync("/proc").filter((p) => /^\d+$/.test(p));
  } catch {
    return [];
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
      processes.push({
        pid: Number(pid),
        ppid: Number(fields[1]),
        cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS,
        rssMb: (Number(fields[21]) * PAGE_BYTES) / 1_048_576,
        cmdline,
      });
    } catch {
      /* gone */
    }
  }
  const inTree = new Set([launcherPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of processes) {
      if (!inTree.has(p.pid) && inTree.has(p.ppid)) {
        inTree.add(p.pid);
        grew = true;
      }
    }
  }
  const partOf = (cmdline: string): Part => (/postgres/.test(cmdline) ? "postgres" : /local-executor/.test(cmdline) ? "executor" : /next/.test(cmdline) ? "next" : "other");
  return processes.filter((p) => inTree.has(p.pid)).map((p) => ({ pid: p.pid, part: partOf(p.cmdline), cpuMs: p.cpuMs, rssMb: p.rssMb }));
}

export function serverCpu(launcherPid: number): CpuByPart {
  const totals: CpuByPart = { next: 0, executor: 0, postgres: 0, other: 0 };
  for (const p of serverProcesses(launcherPid)) totals[p.part] += p.cpuMs;
  return totals;
}

/** "next 31.3 + executor 4.7 + postgres 9.7 = 45.7 ms" per unit of work between two snapshots. */
export function cpuPer(before: CpuByPart, after: CpuByPart, units: number): string {
  const per = (part: keyof CpuByPart) => (after[part] - before[part]) / Math.max(1, units);
  const total = per("next") + per("executor") + per("postgres") + per("other");
  return `next ${per("next").toFixed(1)} + executor ${per("executor").toFixed(1)} + postgres ${per("postgres").toFixed(1)}${per("other") >= 0.05 ? ` + other ${per("other").toFixed(1)}` : ""} = ${total.toFixed(1)} ms`;
}

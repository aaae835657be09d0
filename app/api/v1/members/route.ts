import { endpoint } from "@/lib/api/endpoint";
import { list, memberSchema } from "@/lib/api/schemas";
import { listMembers } from "@/lib/organizations/service";

export const dynamic = "force-dynamic";

export const GET = endpoint(
  { method: "GET", path: "/api/v1/members", tag: "Team", summary: "List members and their roles", access: "team.read", response: list(memberSchema) },
  async ({ principal }) => ({ data: await listMembers(principal), nextCursor: null }),
);

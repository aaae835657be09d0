/**
 * The time zones people pick from. No dependencies, so client forms can use it too.
 *
 * Intl lists zones under ICU's canonical names, and ICU (following CLDR) still uses some names that IANA has since
 * replaced: "Asia/Calcutta" for Asia/Kolkata, "Europe/Kiev" for Europe/Kyiv. Lists show the current names; both stay
 * valid everywhere (Intl formats with either), so a zone stored under its old name still works and is shown under the new.
 */
const RENAMED: Readonly<Record<string, string>> = {
  "Africa/Asmera": "Africa/Asmara",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Catamarca": "America/Argentina/Catamarca",
  "America/Coral_Harbour": "America/Atikokan",
  "America/Cordoba": "America/Argentina/Cordoba",
  "America/Godthab": "America/Nuuk",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Jujuy": "America/Argentina/Jujuy",
  "America/Louisville": "America/Kentucky/Louisville",
  "America/Mendoza": "America/Argentina/Mendoza",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Europe/Kiev": "Europe/Kyiv",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
};

/** The name a zone is listed under: "Asia/Calcutta" → "Asia/Kolkata"; any other name unchanged. */
export const currentZoneName = (zone: string): string => RENAMED[zone] ?? zone;

/** The runtime's zones under their current names, sorted, with "UTC" first (Intl lists it under Etc/). */
export function listTimeZones(): string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone").map(currentZoneName).sort()];
}

/** The options of a time-zone select: "America/Argentina/Buenos Aires" for America/Argentina/Buenos_Aires. */
export const timeZoneOptions = (zones: readonly string[]) => zones.map((zone) => ({ value: zone, label: zone.replaceAll("_", " ") }));

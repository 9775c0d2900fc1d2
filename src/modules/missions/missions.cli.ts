export function missionsCli() {}

// `sandstone sar export geojson OP` and `sandstone sar import gpx OP TEAM FILE`: an operation's map
// for a GIS, and a team's device track into the operation (OP by id or code, TEAM by id or name).
import fs from 'node:fs';
import type { Command } from 'commander';
import type { CliHost } from '../../kernel/module.ts';
import { AppError } from '../../kernel/errors.ts';
import { importGpxTrack, operationGeoJsonDocument } from './sar-teams.service.ts';

export function sarTeamsCli(sar: Command, host: CliHost) {
  const exporting = sar.command('export').description('write an operation for other systems');
  exporting.command('geojson')
    .description('print an operation as a GeoJSON FeatureCollection in km (last known point, sightings, sensor posts, hazards, segments, tracks, and the cells holding 90 % of the probability)')
    .argument('<operation>', 'operation id or code, e.g. SAR-2026-0001')
    .option('--at <instant>', 'the map as it stood at this instant (ISO-8601 with a zone; default: now)')
    .action(async (operation: string, opts: { at?: string }, cmd: Command) => {
      await host.withContext(cmd, async (ctx) => {
        const doc = await operationGeoJsonDocument(ctx, operation, opts.at);
        process.stdout.write(`${JSON.stringify(doc)}\n`);
      }, { readOnly: true });
    });

  const importing = sar.command('import').description("read a team's data into an operation");
  importing.command('gpx')
    .description("record a team's searched track from a GPX 1.1 (or 1.0) file: one track per GPX segment, times from its points")
    .argument('<operation>', 'operation id or code, e.g. SAR-2026-0001')
    .argument('<team>', 'team id or name')
    .argument('<file>', 'the GPX file')
    .option('--started-at <instant>', 'when the search started, for a file whose points carry no times')
    .option('--ended-at <instant>', 'when it ended, for a file whose points carry no times')
    .action(async (operation: string, team: string, file: string, opts: { startedAt?: string; endedAt?: string }, cmd: Command) => {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (e) {
        throw new AppError('FILE_UNREADABLE', 'bad_request', `Cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, [{ path: 'file', message: 'unreadable' }]);
      }
      await host.withContext(cmd, async (ctx) => {
        const tracks = await importGpxTrack(ctx, operation, { team, ...(opts.startedAt ? { startedAt: opts.startedAt } : {}), ...(opts.endedAt ? { endedAt: opts.endedAt } : {}) }, text);
        for (const t of tracks) console.log(`track ${t.id}: ${t.lengthKm.toFixed(3)} km, ${t.points.length} points, ${t.startedAt} – ${t.endedAt}`);
        console.log(`recorded ${tracks.length} track${tracks.length === 1 ? '' : 's'} for team ${team} in ${operation}`);
      });
    });
}

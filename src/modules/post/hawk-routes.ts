// Hawk routes and estimated times (pure). Within the village a message is due within its
// precedence's handling objective; between villages the hawk's flight is added: the route's
// distance at the hawk's speed. Routes are symmetric (a hawk flies Suna–Konoha as Konoha–Suna).
import { HANDLING_MINUTES, type Precedence } from './precedence.ts';

/** Sandstone is the Sand's own system: post it sends leaves from here unless the aviary records otherwise. */
export const HOME_VILLAGE = 'suna';

export interface HawkRoute {
  /** Village codes, e.g. "suna", "konoha". */
  from: string;
  to: string;
  distanceKm: number;
  /** The hawk's average speed over the route, rests included. */
  hawkKmh: number;
}

/** The route between two villages, either way round; null within one village or without a route. */
export function routeBetween(routes: readonly HawkRoute[], from: string, to: string): HawkRoute | null {
  if (from === to) return null;
  return routes.find((r) => (r.from === from && r.to === to) || (r.from === to && r.to === from)) ?? null;
}

/** Whole minutes a hawk flies the route (rounded up: a hawk is not early by a fraction). */
export function flightMinutes(route: HawkRoute): number {
  if (!(route.distanceKm > 0) || !(route.hawkKmh > 0)) throw new RangeError('a hawk route needs a distance and a speed above zero');
  return Math.ceil((route.distanceKm / route.hawkKmh) * 60);
}

export interface DeliveryDue {
  /** When the message is due in the recipient's pigeon hole. */
  due: Date;
  handlingMinutes: number;
  /** 0 within the village. */
  flightMinutes: number;
}

/** When a message accepted at `acceptedAt` is due: its handling objective, plus the flight between villages. */
export function deliveryDue(acceptedAt: Date, precedence: Precedence, route: HawkRoute | null): DeliveryDue {
  const handling = HANDLING_MINUTES[precedence];
  const flight = route ? flightMinutes(route) : 0;
  return { due: new Date(acceptedAt.getTime() + (handling + flight) * 60_000), handlingMinutes: handling, flightMinutes: flight };
}

/** When a hawk released at `releasedAt` lands at the other end. */
export function arrivalEta(releasedAt: Date, route: HawkRoute): Date {
  return new Date(releasedAt.getTime() + flightMinutes(route) * 60_000);
}

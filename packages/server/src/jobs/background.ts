import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';
import { clearExpired } from './clear-expired.ts';
import { runDailyWarnings } from './daily-warnings.ts';
import { deliverNotifications, type DeliveryOptions } from './deliver-notifications.ts';
import { expireOrders } from '../use-cases/orders/order-actions.ts';
import { checkWechatPayments } from '../use-cases/payments/check-wechat-payments.ts';
import type { OnlinePayment } from '../integrations/config.ts';
import type { FileStore } from '../integrations/storage/file-store.ts';
import { archiveOldBills } from './archive-old-bills.ts';
import { runNightlyForecasts } from './nightly-forecasts.ts';
import { refreshStaleForecasts } from './refresh-stale-forecasts.ts';
import { runReportTotals } from './keep-report-totals.ts';
import { runScheduledBackups, type ScheduledBackups } from './scheduled-backups.ts';
import { sweepOrphanUploads } from './sweep-uploads.ts';
import { uploadShippingInfo } from './upload-shipping-info.ts';
import type { WechatApi } from '../integrations/wechat/wechat-api.ts';

/** Passes at least this long are logged with their duration. */
export const SLOW_PASS_MS = 1000;

export interface BackgroundOptions extends DeliveryOptions {
  /** How often the outbox is looked at. */
  deliverEveryMs?: number;
  /** How often unpaid orders past their time are looked for. */
  expireEveryMs?: number;
  /** Online payment: WeChat Pay payments without a notification are asked about, and closed once their order cannot be paid. */
  payments?: OnlinePayment;
  /** How often such payments are looked for. */
  paymentsEveryMs?: number;
  /** How often shops whose daily check has not run today are looked for. */
  dailyEveryMs?: number;
  /** The first daily pass waits for start-up to finish. */
  dailyFirstAfterMs?: number;
  /** How often forecasts that a late bill made stale are learnt again. */
  staleForecastsEveryMs?: number;
  /** How often shipments of WeChat-paid orders are told to WeChat. */
  shippingEveryMs?: number;
  /** How often shops whose kept report totals are stale or not kept through yesterday are looked for. */
  reportTotalsEveryMs?: number;
  /** How often ended sessions, spent keys and old sent messages are cleared. */
  clearEveryMs?: number;
  /** Where uploads are kept: orphans older than a day are removed from it once an hour. */
  uploads: FileStore;
  /** Each shop's daily backup file; none when absent. */
  backups?: ScheduledBackups;
  /** The WeChat server API, for the shipping-info upload; without it shipments wait, shown as pending. */
  wechat?: WechatApi | undefined;
}

/**
 * The one runner of the server's background work: the notification outbox, unpaid orders that expire, WeChat Pay
 * payments to ask about or close (and refunds to send again), shipments to tell WeChat of, the daily warning check,
 * clearing what has expired, uploads no saved form ever used, each shop's daily backup, its products' forecasts
 * (learnt again when a late bill makes them stale), its kept report totals and the archiving of its old bills.
 * Each job runs one pass at a time; a pass that fails is logged and the next one tries again. Several
 * server processes may run it side by side: the jobs themselves share the work out through row locks.
 */
export function startBackgroundWork(db: Database, log: Pick<Logger, 'warn' | 'info'>, options: BackgroundOptions): { stop(): Promise<void> } {
  const running = new Map<string, Promise<unknown>>();
  const every = (name: string, ms: number, work: () => Promise<unknown>, firstAfterMs = 0) => {
    const pass = () => {
      if (running.has(name)) return;
      const started = performance.now();
      running.set(
        name,
        work()
          .then(() => {
            // On PGlite a pass holds the one database connection while it runs: a long one shows in the log.
            const ms = Math.round(performance.now() - started);
            if (ms >= SLOW_PASS_MS) log.info({ job: name, ms }, 'slow background pass');
          })
          .catch((error: unknown) => log.warn({ err: error }, `background ${name} failed; it runs again shortly`))
          .finally(() => running.delete(name)),
      );
    };
    const timer = setInterval(pass, ms);
    timer.unref();
    setTimeout(pass, firstAfterMs).unref();
    return timer;
  };
  const { backups } = options;
  const timers = [
    every('delivery', options.deliverEveryMs ?? 2000, () => deliverNotifications(db, options)),
    every('order expiry', options.expireEveryMs ?? 15_000, () => expireOrders(db)),
    every('wechat payments', options.paymentsEveryMs ?? 30_000, () => checkWechatPayments(db, options.payments ?? {})),
    every('shipping info', options.shippingEveryMs ?? 30_000, () => uploadShippingInfo(db, options.wechat)),
    every('daily warnings', options.dailyEveryMs ?? 10 * 60_000, () => runDailyWarnings(db), options.dailyFirstAfterMs ?? 15_000),
    ...(backups ? [every('backups', options.dailyEveryMs ?? 10 * 60_000, () => runScheduledBackups(db, backups), options.dailyFirstAfterMs ?? 15_000)] : []),
    every('forecasts', options.dailyEveryMs ?? 10 * 60_000, () => runNightlyForecasts(db), options.dailyFirstAfterMs ?? 15_000),
    every('stale forecasts', options.staleForecastsEveryMs ?? 5 * 60_000, () => refreshStaleForecasts(db), options.dailyFirstAfterMs ?? 15_000),
    every('report totals', options.reportTotalsEveryMs ?? 3 * 60_000, () => runReportTotals(db), options.dailyFirstAfterMs ?? 15_000),
    every('archiving', options.dailyEveryMs ?? 10 * 60_000, () => archiveOldBills(db), options.dailyFirstAfterMs ?? 15_000),
    every('clearing', options.clearEveryMs ?? 60 * 60_000, () => clearExpired(db), options.dailyFirstAfterMs ?? 15_000),
    every('upload sweep', 60 * 60_000, () => sweepOrphanUploads(db, options.uploads), 60_000),
  ];
  return {
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await Promise.all(running.values());
    },
  };
}

// How an order's money is taken online. The use cases speak to this interface; WeChat Pay (service-provider
// mode, integrations/wechat-pay) is the one online implementation. Taking money offline (a transfer the
// merchant confirms with 标记已付款) needs no provider: the merchant's word is the payment.
import type { RequestPaymentParams } from './wechat-pay/wechat-pay-crypto.ts';

export interface ProviderPayment {
  /** The shop's sub-merchant number at the provider. */
  subMchid: string;
  outTradeNo: string;
}

export interface CreatePaymentInput extends ProviderPayment {
  description: string;
  /** In 分. */
  totalFen: number;
  /** When the provider stops accepting the payment: the order's expiry. */
  expiresAt: Date;
  /** The payer's account at the provider (the customer's WeChat sign-in). */
  payerOpenId: string;
  notifyUrl: string;
}

/** What the provider knows of a payment: paid (with its transaction and amount), still open, or over without money. */
export type ProviderPaymentState =
  | { state: 'paid'; transactionId: string; totalFen: number; payerOpenId: string | null }
  | { state: 'open' }
  | { state: 'closed'; tradeState: string };

export interface RefundInput extends ProviderPayment {
  /** Deterministic, so that asking again is the same refund. */
  outRefundNo: string;
  refundFen: number;
  totalFen: number;
  reason: string;
  notifyUrl: string;
}

export interface PaymentProvider {
  /** Creates the payment; returns the provider's handle (WeChat's prepay_id, valid two hours). */
  create(input: CreatePaymentInput): Promise<{ prepayId: string }>;
  /** The client's call to pay with that handle, signed here. */
  clientParams(prepayId: string): RequestPaymentParams;
  query(payment: ProviderPayment): Promise<ProviderPaymentState>;
  close(payment: ProviderPayment): Promise<void>;
  /** Asks for a refund; the provider answers later whether it went through (pending), or at once. */
  refund(input: RefundInput): Promise<{ status: 'pending' | 'succeeded' | 'failed'; refundId: string | null }>;
}

// How each data set's labels map to the four mood levels (docs/mood.md explains every choice).
import type { MoodLevel } from '../../lib/protocol/index.ts';

/**
 * GoEmotions' 27 emotions and neutral. A comment with several labels takes the most urgent level among them
 * (angry, then at_risk, then good, then neutral).
 */
export const GOEMOTIONS_LEVELS: Readonly<Record<string, MoodLevel>> = {
  anger: 'angry',
  disgust: 'angry',
  annoyance: 'at_risk',
  disapproval: 'at_risk',
  disappointment: 'at_risk',
  sadness: 'at_risk',
  grief: 'at_risk',
  fear: 'at_risk',
  nervousness: 'at_risk',
  confusion: 'at_risk',
  admiration: 'good',
  amusement: 'good',
  caring: 'good',
  excitement: 'good',
  gratitude: 'good',
  joy: 'good',
  love: 'good',
  pride: 'good',
  relief: 'good',
  // Mild agreement ("yes, exactly"), wishes ("I want a refund"), hopes, questions, sudden understanding, surprise,
  // apologies and embarrassment say little about how a support chat is going.
  approval: 'neutral',
  desire: 'neutral',
  optimism: 'neutral',
  curiosity: 'neutral',
  realization: 'neutral',
  surprise: 'neutral',
  remorse: 'neutral',
  embarrassment: 'neutral',
  neutral: 'neutral',
};

const URGENCY: readonly MoodLevel[] = ['angry', 'at_risk', 'good', 'neutral'];

/** The level of a comment from its emotion names. */
export function goEmotionsLevel(emotions: readonly string[]): MoodLevel {
  const levels = emotions.map((e) => {
    const level = GOEMOTIONS_LEVELS[e];
    if (!level) throw new Error(`GoEmotions: unknown emotion ${e}`);
    return level;
  });
  return URGENCY.find((level) => levels.includes(level)) ?? 'neutral';
}

/**
 * BANKING77 intents that are problem reports (something that did not arrive, did not work, was declined, is pending,
 * was charged wrongly or not recognised, a lost or compromised card, leaving the bank): weak labels for `at_risk`.
 * Every other intent is a plain question or request: `neutral`. The data set has no happy or angry intents.
 */
export const BANKING77_AT_RISK: ReadonlySet<string> = new Set([
  'card_arrival',
  'card_not_working',
  'contactless_not_working',
  'virtual_card_not_working',
  'card_swallowed',
  'pin_blocked',
  'declined_card_payment',
  'declined_cash_withdrawal',
  'declined_transfer',
  'failed_transfer',
  'top_up_failed',
  'top_up_reverted',
  'reverted_card_payment?',
  'beneficiary_not_allowed',
  'pending_card_payment',
  'pending_cash_withdrawal',
  'pending_top_up',
  'pending_transfer',
  'transfer_not_received_by_recipient',
  'balance_not_updated_after_bank_transfer',
  'balance_not_updated_after_cheque_or_cash_deposit',
  'Refund_not_showing_up',
  'card_payment_not_recognised',
  'cash_withdrawal_not_recognised',
  'direct_debit_payment_not_recognised',
  'transaction_charged_twice',
  'extra_charge_on_statement',
  'card_payment_fee_charged',
  'cash_withdrawal_charge',
  'transfer_fee_charged',
  'card_payment_wrong_exchange_rate',
  'wrong_exchange_rate_for_cash_withdrawal',
  'wrong_amount_of_cash_received',
  'unable_to_verify_identity',
  'compromised_card',
  'lost_or_stolen_card',
  'lost_or_stolen_phone',
  'terminate_account',
]);

export function banking77Level(intent: string): MoodLevel {
  return BANKING77_AT_RISK.has(intent) ? 'at_risk' : 'neutral';
}

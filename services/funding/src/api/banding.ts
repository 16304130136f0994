import { BANDING_MATRIX } from '../application/aggregates';
import type { BandingState, BandRate } from '../domain/banding/banding-matrix';
import type { FundingRecords } from './funding-records';

/** The banding matrix's rates as its events leave them (a short stream: one event per import that added rates). */
export async function bandingRates(records: FundingRecords): Promise<BandRate[]> {
  return (await records.read<BandingState>(BANDING_MATRIX, 'matrix'))?.state.rates ?? [];
}

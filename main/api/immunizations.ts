// Immunization forecasts by CDC's CDSi logic (main/immunizations): a pure calculation that needs
// no vault, so it answers whether or not one is open.
import type { ImmunizationForecast } from '../../preload/contract.ts';
import { AppError } from '../errors.ts';
import { forecastFromJson, ImmunizationInputError } from '../immunizations/index.ts';
import type { ApiContext } from './context.ts';
import type { HandlerModule } from './router.ts';

export function immunizationHandlers(ctx: ApiContext): HandlerModule {
  return {
    'immunizations.forecast': (history): ImmunizationForecast => {
      const now = ctx.platform.now();
      const today = Math.floor(now.getTime() / 86_400_000);
      try {
        return forecastFromJson(history, undefined, today);
      } catch (error) {
        if (error instanceof ImmunizationInputError) throw new AppError('invalid-input', error.message);
        throw error;
      }
    },
  };
}

// HTTP bodies of the relay's enrollment endpoint: a single-use code exchanged for a device token.
import { z } from 'zod';
import { ERROR_CODES } from './constants.ts';
import { IdSchema, SignedInUserSchema } from './entities.ts';

export const EnrollRequestSchema = z.object({
  code: z.string().trim().min(1, 'enter the enrollment code').max(100),
  deviceName: z.string().trim().max(100).optional(),
});

export const EnrollResponseSchema = z.object({
  token: z.string(),
  tokenId: IdSchema,
  user: SignedInUserSchema,
});

export const HttpErrorSchema = z.object({ error: z.enum(ERROR_CODES), message: z.string() });

export type EnrollRequest = z.infer<typeof EnrollRequestSchema>;
export type EnrollResponse = z.infer<typeof EnrollResponseSchema>;
export type HttpError = z.infer<typeof HttpErrorSchema>;

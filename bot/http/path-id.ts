// Ids in request paths go through the same rule as ids in bodies (src/domain/ids.ts).
import type { Request, Response } from 'restify';
import { idProblem } from '../../src/domain/ids';
import { echo, sendError } from './http-errors';

/** The path parameter `name` when it is a valid id; otherwise answers 400 `invalid_id` and returns null. */
export function pathId(req: Request, res: Response, name: string): string | null {
  const value: unknown = req.params?.[name];
  const problem = idProblem(value);
  if (problem === null) return value as string;
  const given = typeof value === 'string' ? echo(value) : String(value);
  sendError(res, 400, 'invalid_id', `The ${name} in the path ${problem}`, { [name]: given });
  return null;
}

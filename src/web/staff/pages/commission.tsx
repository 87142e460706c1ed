import type { StaffRoutes } from '../routes.tsx';

export function commissionRoutes(routes: StaffRoutes): void {
  void routes;
}

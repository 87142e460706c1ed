import type { StaffRoutes } from '../routes.tsx';

export function pharmacyRoutes(routes: StaffRoutes): void {
  void routes;
}

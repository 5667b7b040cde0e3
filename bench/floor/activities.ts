/** The floor's only activity: returns at once, touches nothing. */
export const floorActivities = {
  async noop(step: number): Promise<number> {
    return step;
  },
};

export type FloorActivities = typeof floorActivities;

// Team and agent filters of the board, as two labelled selects.
import { useId } from 'preact/hooks';
import type { BoardAgent, TeamRef } from '../../lib/protocol/index.ts';
import type { BoardFilter } from '../../lib/coaching/index.ts';
import type { Translate } from '../../lib/coaching/index.ts';

type BoardFiltersProps = {
  teams: readonly TeamRef[];
  agents: readonly Pick<BoardAgent, 'id' | 'name' | 'teamIds'>[];
  filter: BoardFilter;
  onChange: (filter: BoardFilter) => void;
  t: Translate;
};

const ALL = '';

export function BoardFilters({ teams, agents, filter, onChange, t }: BoardFiltersProps) {
  const id = useId();
  const shownAgents = filter.teamId === null ? agents : agents.filter((a) => a.teamIds.includes(filter.teamId!));
  return (
    <div class="ut-filters">
      <label for={`${id}-team`}>
        {t('filterTeam')}
        <select
          id={`${id}-team`}
          class="ut-select"
          value={filter.teamId ?? ALL}
          onChange={(event) => {
            const teamId = event.currentTarget.value || null;
            const agentStays = filter.agentId !== null && (teamId === null || agents.some((a) => a.id === filter.agentId && a.teamIds.includes(teamId)));
            onChange({ teamId, agentId: agentStays ? filter.agentId : null });
          }}
        >
          <option value={ALL}>{t('filterTeamAll')}</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </label>
      <label for={`${id}-agent`}>
        {t('filterAgent')}
        <select
          id={`${id}-agent`}
          class="ut-select"
          value={filter.agentId ?? ALL}
          onChange={(event) => onChange({ ...filter, agentId: event.currentTarget.value || null })}
        >
          <option value={ALL}>{t('filterAgentAll')}</option>
          {shownAgents.map((agent) => (
            <option key={agent.id} value={agent.id}>
              {agent.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

// Teams' theme names to Fluent UI v9 themes, so the tab looks like the Teams around it.
import { teamsHighContrastTheme, webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

export function fluentTheme(teamsTheme: string | null): Theme {
  if (teamsTheme === 'contrast') return teamsHighContrastTheme;
  if (teamsTheme === 'dark') return webDarkTheme;
  return webLightTheme;
}

//! France's public holidays (Code du travail, art. L3133-1), metropolitan.

use super::build::Year;

pub fn holidays(y: &mut Year) {
    let year = y.year;
    y.fixed(1, 1, "Jour de l'an (New Year's Day)");
    y.easter(1, "Lundi de Pâques (Easter Monday)");
    y.fixed(5, 1, "Fête du Travail (Labour Day)");
    y.fixed(5, 8, "Victoire 1945 (Victory in Europe Day)");
    y.easter(39, "Ascension");
    // Whit Monday was a working "solidarity day" from 2005 to 2007.
    if !(2005..=2007).contains(&year) {
        y.easter(50, "Lundi de Pentecôte (Whit Monday)");
    }
    y.fixed(7, 14, "Fête nationale (Bastille Day)");
    y.fixed(8, 15, "Assomption (Assumption)");
    y.fixed(11, 1, "Toussaint (All Saints' Day)");
    y.fixed(11, 11, "Armistice 1918");
    y.fixed(12, 25, "Noël (Christmas Day)");
}

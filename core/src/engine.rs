use crate::{CampaignReport, CampaignRequest, Error};
pub(crate) fn evaluate(_r: &CampaignRequest) -> Result<CampaignReport, Error> { Err(Error::request("", "not yet")) }
